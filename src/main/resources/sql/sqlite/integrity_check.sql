-- SQLite's full consistency check: one row 'ok', or one row per problem (pages, btrees, index entries).
PRAGMA integrity_check(100)
