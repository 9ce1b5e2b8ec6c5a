-- Forgets every hypothetical index of this session. No parameters.
SELECT hypopg_reset()
