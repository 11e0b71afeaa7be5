"""Start Rasa with our start-up steps applied first: ``python -m addons.serve run ...``
takes the same arguments as ``rasa ...``. Nothing happens at import time."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from addons import rasa_patches

    rasa_patches.apply()  # explicit, once, before the server loads anything
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
