"""Decision material built from the store: the decision brief as PDF and PowerPoint."""
