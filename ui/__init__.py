"""The only Streamlit helpers: caching (cached.py) and small display components."""
