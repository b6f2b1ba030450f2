"""Static site generator for ISU Short Track Speed Skating World Cup statistics."""
