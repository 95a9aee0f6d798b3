"""Rows -> text: one registry of formats (`registry`), one module per format in `formats/`.

Formats draw rows that the views computed; none computes plan facts. Plan text is data, never
markup. Numbers and dates are written by `values`, the same in every format.
"""
