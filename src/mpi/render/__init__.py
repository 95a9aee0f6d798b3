"""Renderers: turn query rows into text, JSON, CSV, Markdown (and HTML for reports).

Each module renders plain data; none computes plan facts. Plan text is data, never markup.
"""
