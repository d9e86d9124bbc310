"""The app's pages, one module per audience: ``staff.py`` for officers, ``resident.py`` for
residents, ``public.py`` for anyone, and ``<audience>_<topic>.py`` where one audience's pages
cover several topics. Their URLs are in the app's ``urls.py`` (decision 0031)."""
