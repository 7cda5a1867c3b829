"""Device layer: abstract bases, registry, manager and drivers."""
