// Progressive enhancement: the pages are complete without JavaScript.
