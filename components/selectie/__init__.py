"""The selection page (Selectie): the priority ranking and the basket with its exports."""
