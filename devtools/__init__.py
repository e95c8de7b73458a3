"""Tools for developing congkhai, not shipped with it: the quality gates (qa/) and synthetic data of any size."""
