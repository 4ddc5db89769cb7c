"""Home programmes: a personal plan for each client, delivered by private link, QR code and paper."""
