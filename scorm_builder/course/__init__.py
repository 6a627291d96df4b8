"""Stage 2, the course: the typed model (model), where every object carries its Source position;
the model built from a checked tree (from_tree); the cross-field rules without I/O (rules,
rules_dialogue, rules_assessment, ids); asset paths and files (assets, asset_files); dialogue
graphs (graph); brand colour contrast (contrast).
"""
