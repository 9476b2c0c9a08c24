"""Pure domain rules: plain Python over plain values, no Django imports.

Anything an officer could check with a calculator lives here (financial years, target dates,
RAG ratings, suppression, money), so it can be tested in milliseconds without a database.
"""
