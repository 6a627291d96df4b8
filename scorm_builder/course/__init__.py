"""Stage 2, the course: the typed model (model), where every object carries its source position;
the cross-field rules that turn a checked tree into the model without I/O (rules); asset files
(assets); dialogue graphs (graph); brand colour contrast (contrast).
"""
