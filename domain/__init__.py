"""Pure domain logic: country names, joins, panels, paces. No Streamlit, no file I/O."""
