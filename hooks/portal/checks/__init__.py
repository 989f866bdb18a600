"""Quality checks behind `make check`: one module per check."""
