"""The Qt desktop interface: the application shell and one subpackage per tab."""
