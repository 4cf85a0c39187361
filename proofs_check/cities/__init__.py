"""abrs2017: the claims of Albouy, Behrens, Robert-Nicoud & Seegert (2017), in the paper's order.

One module per part of the paper, imported in the paper's order so that the registry lists the
claims as the paper states them: Sections 1-2 (benefits), 3 and Table 1 (allocations), 4 (policy),
the Section 5 introduction, 5.1, Table 2 and Table 3's notes (parameters), the calibrated numbers
of 5.1-5.2, Table 3 and Appendix C (calibration), the rest of 5.2, 5.3-5.4 and Table 4
(simulation), and Appendices A-C (appendix).
"""
from . import benefits  # noqa: F401  Sections 1-2
from . import allocations  # noqa: F401  Section 3, Table 1
from . import policy  # noqa: F401  Section 4
from . import parameters  # noqa: F401  Section 5 introduction, 5.1, Table 2, Table 3 notes
from . import calibration  # noqa: F401  Section 5 numbers, Table 3, Appendix C numbers
from . import simulation  # noqa: F401  Sections 5.2-5.4, Table 4
from . import appendix  # noqa: F401  Appendices A-C
