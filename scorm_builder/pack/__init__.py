"""Stages 4 and 5, packaging: the package plan of one course for one standard (plan), the
deterministic zip (archive), the one writer to output/ (writer), the build pipeline (pipeline)
and batch builds over courses x companies x standards (batch).
"""
