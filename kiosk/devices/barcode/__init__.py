"""Barcode reading: rules (what a code means), decoders and the camera frame logic.

Submodules are imported explicitly so that using the rules never pulls in
OpenCV or a decoder library.
"""
