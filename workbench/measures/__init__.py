"""Measures on accounts (2022/17) and what contests or follows them: the catalogue, legal
basis, effects on the account, appeals, correction orders, change requests, credit grades and
the closed subjects list."""
