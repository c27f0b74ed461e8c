"""Reading and writing the catalogue's files: records with positions, data files, schemas, canonical form, atomic writes, git history."""
