"""Who met whom, drawn on the server: graph.py (the network of public meetings), layout.py (positions,
networkx with a fixed seed), svg.py (the drawing, every name escaped)."""
