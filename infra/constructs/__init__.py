"""One construct per capability; each takes keyword-only typed parameters and never reads context."""
