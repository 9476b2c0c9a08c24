"""Scrutineer: plan, track and scrutinise the performance of a council service portfolio."""
