"""Write a plan and its outline as a 16:9 .pptx (python-pptx, matplotlib figures)."""
