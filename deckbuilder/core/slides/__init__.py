"""What each slide shows and where: layout, tables, callouts, decision lines, drill questions."""
