"""The knowledge base built from the article in ``knowledge/article.txt``."""
