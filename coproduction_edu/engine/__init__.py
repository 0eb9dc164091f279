"""The exercise engine: one YAML source, a Python API, and HTML that needs no kernel."""
