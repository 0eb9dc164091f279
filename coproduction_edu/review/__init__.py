"""Review without GitHub: a unit as one file a reviewer comments on, and the file they return.

``pack`` writes the review pack; ``record`` reads and checks what comes back; ``importer``
adds the reviewer to the unit, as they chose, and writes the record and its summary.
"""
