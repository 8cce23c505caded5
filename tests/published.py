"""The published figures (lib/noegletal/reference/published-figures.csv) as the seeds print them."""

from __future__ import annotations

import pandas as pd
from noegletal import fmt
from noegletal.config import REFERENCE_DIR
from noegletal.periods import periode


def figures(source_prefix: str) -> pd.DataFrame:
    df = pd.read_csv(REFERENCE_DIR / "published-figures.csv", dtype={"value": str, "period": str})
    return df[df["source"].str.startswith(source_prefix)].reset_index(drop=True)


def as_printed(value: str) -> str:
    """'33.3' → '33,3'; '1827' → '1.827' (decimals kept as published)."""
    decimals = len(value.split(".")[1]) if "." in value else 0
    return fmt.tal(float(value), decimals)


def label(period: str) -> str:
    return periode(period).label
