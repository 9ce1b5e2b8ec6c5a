-- Shows every index this session hid again (HypoPG 1.4+). No parameters.
SELECT hypopg_unhide_all_indexes()
