"""Generated protocol stubs (scripts/generate.sh); do not edit."""
