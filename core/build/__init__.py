"""Raw open data -> the processed bundle under data/: prepare, the Kiesraad EML parser, geometry."""
