"""abrs2017: the claims of Albouy, Behrens, Robert-Nicoud & Seegert (2017), in the paper's order."""
