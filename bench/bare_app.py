"""The baseline for bench/overview.py: a bare one-line Streamlit page (plus a checkbox to rerun)."""
import streamlit as st

st.checkbox("Rerun me", key="rerun")
st.write(f"Hello ({st.session_state['rerun']})")  # changes on each rerun, so the bench sees the new view
