// Reports: placeholder until its issue lands; see README.md for the module map.
enum ReportsModule {}
