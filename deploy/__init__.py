"""Hosting: the container image's entrypoint, the proxy config, Kubernetes manifests and a local
cluster (`python -m deploy.local`) that runs the same entrypoint as the image."""
