"""tvf: keeps a municipality's handbook for interdisciplinary work with children and youth
honest: schema, IDs, references, law citations and review dates."""

__version__ = "0.1.0"
