-- Rows whose foreign key points at no parent row: table, rowid, parent table, foreign key id.
PRAGMA foreign_key_check
