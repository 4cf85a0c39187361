"""abrs2017: the claims of Albouy, Behrens, Robert-Nicoud & Seegert (2017), in the paper's order.

One module per part of the paper, imported in the paper's order so that the registry lists the
claims as the paper states them.
"""
from . import calibration  # noqa: F401  Section 5, Table 3, Appendix C
