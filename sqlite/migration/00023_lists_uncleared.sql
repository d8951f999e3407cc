-- Lists keep no rows for cleared staff (docket.ListedClasses): a list is kept in the clear to
-- be sorted and filtered, and confidential data is sealed at rest. Rows derived before for the
-- cleared (class 3) go.
DELETE FROM list_data WHERE class = 3;
DELETE FROM list_rows WHERE class = 3;
