"""The accessibility engines that the site test and benchmarks/accessibility.py run."""
