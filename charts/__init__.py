"""Figure factories (plotly objects); no Streamlit."""
