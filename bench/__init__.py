"""The benchmark (`python -m bench`, `make bench`): the overview's queries and a whole AppTest run
of the overview, cold and warm, at district and city scale, on SQLite and PostgreSQL.

The data sets are generated once with `core.demo` and kept under data/bench/ (and in the PostgreSQL
databases bench_district and bench_city); they are rebuilt when the schema or the generator changes.
"""
