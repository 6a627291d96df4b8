"""Stage 1, the source files: YAML read into positioned trees (loader, tree; tree_cache keeps them
between runs), shared pieces
(include), company profiles applied to a course tree (profile), and text placeholders filled in
(substitute). Nothing here knows what a valid course is.
"""
