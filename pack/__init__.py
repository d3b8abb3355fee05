"""The conference pack: static HTML pages (overview + one per State Party) that open from disk with no network.

Built from the same loaders, domain functions and chart factories as the dashboard; no Streamlit here.
"""
