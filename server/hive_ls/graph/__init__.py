"""The program dependence graph: nodes for modules and definitions, edges for how they depend."""
