"""Streamlit-side helpers shared by the pages: session, cached reads, widgets. No rules, no SQL."""
