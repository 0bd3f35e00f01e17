"""The groups page (Groepen): population against council, per group."""
