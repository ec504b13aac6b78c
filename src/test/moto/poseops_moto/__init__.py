"""PoseOps' run-time extensions of moto 5.2.1, one module per feature, each with an ``install()`` function.

What each module simulates, and how real AWS differs, is written down in docs/moto-notes.md.
"""
