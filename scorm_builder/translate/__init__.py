"""Translation: a course's texts out to translators as XLIFF 1.2 files, and their translations back into a build.

``units`` walks a course's positioned tree (includes spliced in, nothing substituted) and yields one
unit per translatable text (a Markdown text one per block, ``segments``), with a stable id and the
context a translator needs; ``placeholders`` protects ``{{ ... }}``; ``xlf`` reads and writes the files through translate-toolkit; ``catalogs``
says which file a text belongs in (the course's own, or the shared library's); ``extract``,
``status`` and ``pseudo`` are the ``translate`` commands; ``apply`` is the load step that puts a
translation into the tree; ``build`` builds packages per language (with companies, through
``pack/batch``).
"""
