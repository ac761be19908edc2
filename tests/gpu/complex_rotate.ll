; rotate(complex128[:], complex128[:], float64[:])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"


define void @rotate_0(i8* %arg31, i64 %arg32, i64 %arg33, i8* %arg34, i64 %arg35, i64 %arg36, i8* %arg37, i64 %arg38, i64 %arg39, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i8*
  %slot5 = alloca i64
  %slot6 = alloca i64
  %slot7 = alloca i8*
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i8*
  %slot11 = alloca i64
  %slot12 = alloca i64
  %slot13 = alloca i8*
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i8*
  %slot17 = alloca i64
  %slot18 = alloca i64
  %slot19 = alloca i64
  %slot20 = alloca double
  %slot21 = alloca double
  %slot22 = alloca double
  %slot23 = alloca double
  %slot24 = alloca double
  %slot25 = alloca double
  %slot26 = alloca double
  %slot27 = alloca double
  %slot28 = alloca double
  %slot29 = alloca double
  %slot30 = alloca double
  store i8* %arg31, i8** %slot1
  store i64 %arg32, i64* %slot2
  store i64 %arg33, i64* %slot3
  store i8* %arg34, i8** %slot4
  store i64 %arg35, i64* %slot5
  store i64 %arg36, i64* %slot6
  store i8* %arg37, i8** %slot7
  store i64 %arg38, i64* %slot8
  store i64 %arg39, i64* %slot9
  br label %body
body:
  %v40 = load i8*, i8** %slot1
  %v41 = load i64, i64* %slot2
  %v42 = load i64, i64* %slot3
  store i8* %v40, i8** %slot10
  store i64 %v41, i64* %slot11
  store i64 %v42, i64* %slot12
  %v43 = load i8*, i8** %slot4
  %v44 = load i64, i64* %slot5
  %v45 = load i64, i64* %slot6
  store i8* %v43, i8** %slot13
  store i64 %v44, i64* %slot14
  store i64 %v45, i64* %slot15
  %v46 = load i8*, i8** %slot7
  %v47 = load i64, i64* %slot8
  %v48 = load i64, i64* %slot9
  store i8* %v46, i8** %slot16
  store i64 %v47, i64* %slot17
  store i64 %v48, i64* %slot18
  %sreg49 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx50 = zext i32 %sreg49 to i64
  %sreg51 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx52 = zext i32 %sreg51 to i64
  %mul53 = mul i64 %idx50, %idx52
  %sreg54 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx55 = zext i32 %sreg54 to i64
  %add56 = add i64 %mul53, %idx55
  store i64 %add56, i64* %slot19
  %v57 = load i64, i64* %slot19
  %v58 = load i8*, i8** %slot10
  %v59 = load i64, i64* %slot11
  %v60 = load i64, i64* %slot12
  %cmp61 = icmp slt i64 %v57, %v59
  br i1 %cmp61, label %then62, label %else63
then62:
  %v65 = load i8*, i8** %slot10
  %v66 = load i64, i64* %slot11
  %v67 = load i64, i64* %slot12
  %v68 = load i64, i64* %slot19
  %neg69 = icmp slt i64 %v68, 0
  %wrap70 = add i64 %v68, %v66
  %k71 = select i1 %neg69, i64 %wrap70, i64 %v68
  %oob72 = icmp uge i64 %k71, %v66
  br i1 %oob72, label %fail73, label %ok74, !prof !{!"branch_weights", i32 1, i32 2000}
fail73:
  %claim75 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won76 = extractvalue { i64, i1 } %claim75, 1
  br i1 %won76, label %record77, label %exit78
record77:
  %field79 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field79
  %field80 = getelementptr i64, i64* %err, i64 2
  store volatile i64 326, i64* %field80
  %field81 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v68, i64* %field81
  %field82 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field82
  %field83 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v66, i64* %field83
  br label %exit78
exit78:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok74:
  %term84 = mul i64 %k71, %v67
  %off85 = add i64 0, %term84
  %byte86 = getelementptr inbounds i8, i8* %v65, i64 %off85
  %elem87 = bitcast i8* %byte86 to double*
  %ld88 = load double, double* %elem87
  %part89 = getelementptr inbounds double, double* %elem87, i64 1
  %ld90 = load double, double* %part89
  store double %ld88, double* %slot20
  store double %ld90, double* %slot21
  store double 0x0000000000000000, double* %slot22
  store double 0x3FF0000000000000, double* %slot23
  %v91 = load double, double* %slot20
  %v92 = load double, double* %slot21
  %v93 = load double, double* %slot22
  %v94 = load double, double* %slot23
  %mul95 = fmul double %v91, %v93
  %v96 = load double, double* %slot20
  %v97 = load double, double* %slot21
  %v98 = load double, double* %slot22
  %v99 = load double, double* %slot23
  %mul100 = fmul double %v97, %v99
  %sub101 = fsub double %mul95, %mul100
  %v102 = load double, double* %slot20
  %v103 = load double, double* %slot21
  %v104 = load double, double* %slot22
  %v105 = load double, double* %slot23
  %mul106 = fmul double %v102, %v105
  %v107 = load double, double* %slot20
  %v108 = load double, double* %slot21
  %v109 = load double, double* %slot22
  %v110 = load double, double* %slot23
  %mul111 = fmul double %v108, %v109
  %add112 = fadd double %mul106, %mul111
  store double %sub101, double* %slot24
  store double %add112, double* %slot25
  %v113 = load double, double* %slot24
  %v114 = load double, double* %slot25
  %add115 = fadd double %v113, 0x3FE0000000000000
  %v116 = load double, double* %slot24
  %v117 = load double, double* %slot25
  %add118 = fadd double %v117, 0x0000000000000000
  store double %add115, double* %slot26
  store double %add118, double* %slot27
  %v119 = load i8*, i8** %slot13
  %v120 = load i64, i64* %slot14
  %v121 = load i64, i64* %slot15
  %v122 = load i64, i64* %slot19
  %v123 = load double, double* %slot26
  %v124 = load double, double* %slot27
  store double 0x3FF0000000000000, double* %slot28
  store double 0x0000000000000000, double* %slot29
  store double 0x3FF0000000000000, double* %slot30
  %v125 = load double, double* %slot28
  %v126 = load double, double* %slot29
  %v127 = load double, double* %slot30
  %add128 = fadd double %v125, %v126
  %v129 = load double, double* %slot29
  %v130 = load double, double* %slot30
  %add131 = fadd double 0x0000000000000000, %v130
  %call132 = call { double, double } @_complex_div_1(double %v123, double %v124, double %add128, double %add131, i64* %err)
  %part133 = extractvalue { double, double } %call132, 0
  %part134 = extractvalue { double, double } %call132, 1
  %neg135 = icmp slt i64 %v122, 0
  %wrap136 = add i64 %v122, %v120
  %k137 = select i1 %neg135, i64 %wrap136, i64 %v122
  %oob138 = icmp uge i64 %k137, %v120
  br i1 %oob138, label %fail139, label %ok140, !prof !{!"branch_weights", i32 1, i32 2000}
fail139:
  %claim141 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won142 = extractvalue { i64, i1 } %claim141, 1
  br i1 %won142, label %record143, label %exit144
record143:
  %field145 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field145
  %field146 = getelementptr i64, i64* %err, i64 2
  store volatile i64 350, i64* %field146
  %field147 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v122, i64* %field147
  %field148 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field148
  %field149 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v120, i64* %field149
  br label %exit144
exit144:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok140:
  %term150 = mul i64 %k137, %v121
  %off151 = add i64 0, %term150
  %byte152 = getelementptr inbounds i8, i8* %v119, i64 %off151
  %elem153 = bitcast i8* %byte152 to double*
  store double %part133, double* %elem153
  %part154 = getelementptr inbounds double, double* %elem153, i64 1
  store double %part134, double* %part154
  %v155 = load i8*, i8** %slot16
  %v156 = load i64, i64* %slot17
  %v157 = load i64, i64* %slot18
  %v158 = load i64, i64* %slot19
  %v159 = load double, double* %slot26
  %v160 = load double, double* %slot27
  %v161 = load double, double* %slot26
  %v162 = load double, double* %slot27
  %sub163 = fsub double %v159, %v162
  %neg164 = icmp slt i64 %v158, 0
  %wrap165 = add i64 %v158, %v156
  %k166 = select i1 %neg164, i64 %wrap165, i64 %v158
  %oob167 = icmp uge i64 %k166, %v156
  br i1 %oob167, label %fail168, label %ok169, !prof !{!"branch_weights", i32 1, i32 2000}
fail168:
  %claim170 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won171 = extractvalue { i64, i1 } %claim170, 1
  br i1 %won171, label %record172, label %exit173
record172:
  %field174 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field174
  %field175 = getelementptr i64, i64* %err, i64 2
  store volatile i64 380, i64* %field175
  %field176 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v158, i64* %field176
  %field177 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field177
  %field178 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v156, i64* %field178
  br label %exit173
exit173:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok169:
  %term179 = mul i64 %k166, %v157
  %off180 = add i64 0, %term179
  %byte181 = getelementptr inbounds i8, i8* %v155, i64 %off180
  %elem182 = bitcast i8* %byte181 to double*
  store double %sub163, double* %elem182
  br label %endif64
else63:
  br label %endif64
endif64:
  ret void
}

define internal { double, double } @_complex_div_1(double %arg17, double %arg18, double %arg19, double %arg20, i64* %err) {
entry:
  %slot1 = alloca double
  %slot2 = alloca double
  %slot3 = alloca double
  %slot4 = alloca double
  %slot5 = alloca double
  %slot6 = alloca double
  %slot7 = alloca double
  %slot8 = alloca double
  %slot9 = alloca double
  %slot10 = alloca double
  %slot11 = alloca double
  %slot12 = alloca double
  %slot13 = alloca double
  %slot14 = alloca double
  %slot15 = alloca double
  %slot16 = alloca double
  %logic33 = alloca i1
  store double %arg17, double* %slot1
  store double %arg18, double* %slot2
  store double %arg19, double* %slot3
  store double %arg20, double* %slot4
  br label %body
body:
  %v21 = load double, double* %slot1
  %v22 = load double, double* %slot2
  store double %v21, double* %slot5
  store double %v22, double* %slot6
  %v23 = load double, double* %slot3
  %v24 = load double, double* %slot4
  store double %v23, double* %slot7
  store double %v24, double* %slot8
  %v25 = load double, double* %slot5
  %v26 = load double, double* %slot6
  store double %v25, double* %slot9
  %v27 = load double, double* %slot5
  %v28 = load double, double* %slot6
  store double %v28, double* %slot10
  %v29 = load double, double* %slot7
  %v30 = load double, double* %slot8
  store double %v29, double* %slot11
  %v31 = load double, double* %slot7
  %v32 = load double, double* %slot8
  store double %v32, double* %slot12
  %v34 = load double, double* %slot11
  %cmp35 = fcmp oeq double %v34, 0x0000000000000000
  store i1 %cmp35, i1* %logic33
  br i1 %cmp35, label %rhs36, label %logicend37
rhs36:
  %v38 = load double, double* %slot12
  %cmp39 = fcmp oeq double %v38, 0x0000000000000000
  store i1 %cmp39, i1* %logic33
  br label %logicend37
logicend37:
  %logic40 = load i1, i1* %logic33
  br i1 %logic40, label %then41, label %else42
then41:
  br i1 true, label %fail44, label %ok45, !prof !{!"branch_weights", i32 1, i32 2000}
fail44:
  %claim46 = cmpxchg i64* %err, i64 0, i64 64 seq_cst seq_cst
  %won47 = extractvalue { i64, i1 } %claim46, 1
  br i1 %won47, label %record48, label %exit49
record48:
  %field50 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field50
  %field51 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147492931, i64* %field51
  br label %exit49
exit49:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok45:
  br label %endif43
else42:
  br label %endif43
endif43:
  %v52 = load double, double* %slot11
  %abs53 = call double @llvm.fabs.f64(double %v52)
  %v54 = load double, double* %slot12
  %abs55 = call double @llvm.fabs.f64(double %v54)
  %cmp56 = fcmp oge double %abs53, %abs55
  br i1 %cmp56, label %then57, label %else58
then57:
  %v60 = load double, double* %slot11
  %cmp61 = fcmp oeq double %v60, 0x0000000000000000
  br i1 %cmp61, label %fail62, label %ok63, !prof !{!"branch_weights", i32 1, i32 2000}
fail62:
  %claim64 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won65 = extractvalue { i64, i1 } %claim64, 1
  br i1 %won65, label %record66, label %exit67
record66:
  %field68 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field68
  %field69 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493014, i64* %field69
  br label %exit67
exit67:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok63:
  %v70 = load double, double* %slot12
  %v71 = load double, double* %slot11
  %div72 = fdiv double %v70, %v71
  store double %div72, double* %slot13
  %v73 = load double, double* %slot11
  %v74 = load double, double* %slot12
  %v75 = load double, double* %slot13
  %mul76 = fmul double %v74, %v75
  %add77 = fadd double %v73, %mul76
  store double %add77, double* %slot14
  %v78 = load double, double* %slot14
  %cmp79 = fcmp oeq double %v78, 0x0000000000000000
  br i1 %cmp79, label %fail80, label %ok81, !prof !{!"branch_weights", i32 1, i32 2000}
fail80:
  %claim82 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won83 = extractvalue { i64, i1 } %claim82, 1
  br i1 %won83, label %record84, label %exit85
record84:
  %field86 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field86
  %field87 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493107, i64* %field87
  br label %exit85
exit85:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok81:
  %v88 = load double, double* %slot9
  %v89 = load double, double* %slot10
  %v90 = load double, double* %slot13
  %mul91 = fmul double %v89, %v90
  %add92 = fadd double %v88, %mul91
  %v93 = load double, double* %slot14
  %div94 = fdiv double %add92, %v93
  %v95 = load double, double* %slot14
  %cmp96 = fcmp oeq double %v95, 0x0000000000000000
  br i1 %cmp96, label %fail97, label %ok98, !prof !{!"branch_weights", i32 1, i32 2000}
fail97:
  %claim99 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won100 = extractvalue { i64, i1 } %claim99, 1
  br i1 %won100, label %record101, label %exit102
record101:
  %field103 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field103
  %field104 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493140, i64* %field104
  br label %exit102
exit102:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok98:
  %v105 = load double, double* %slot10
  %v106 = load double, double* %slot9
  %v107 = load double, double* %slot13
  %mul108 = fmul double %v106, %v107
  %sub109 = fsub double %v105, %mul108
  %v110 = load double, double* %slot14
  %div111 = fdiv double %sub109, %v110
  %ret112 = insertvalue { double, double } undef, double %div94, 0
  %ret113 = insertvalue { double, double } %ret112, double %div111, 1
  ret { double, double } %ret113
else58:
  br label %endif59
endif59:
  %v114 = load double, double* %slot12
  %cmp115 = fcmp oeq double %v114, 0x0000000000000000
  br i1 %cmp115, label %fail116, label %ok117, !prof !{!"branch_weights", i32 1, i32 2000}
fail116:
  %claim118 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won119 = extractvalue { i64, i1 } %claim118, 1
  br i1 %won119, label %record120, label %exit121
record120:
  %field122 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field122
  %field123 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493167, i64* %field123
  br label %exit121
exit121:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok117:
  %v124 = load double, double* %slot11
  %v125 = load double, double* %slot12
  %div126 = fdiv double %v124, %v125
  store double %div126, double* %slot15
  %v127 = load double, double* %slot11
  %v128 = load double, double* %slot15
  %mul129 = fmul double %v127, %v128
  %v130 = load double, double* %slot12
  %add131 = fadd double %mul129, %v130
  store double %add131, double* %slot16
  %v132 = load double, double* %slot16
  %cmp133 = fcmp oeq double %v132, 0x0000000000000000
  br i1 %cmp133, label %fail134, label %ok135, !prof !{!"branch_weights", i32 1, i32 2000}
fail134:
  %claim136 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won137 = extractvalue { i64, i1 } %claim136, 1
  br i1 %won137, label %record138, label %exit139
record138:
  %field140 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field140
  %field141 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493252, i64* %field141
  br label %exit139
exit139:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok135:
  %v142 = load double, double* %slot9
  %v143 = load double, double* %slot15
  %mul144 = fmul double %v142, %v143
  %v145 = load double, double* %slot10
  %add146 = fadd double %mul144, %v145
  %v147 = load double, double* %slot16
  %div148 = fdiv double %add146, %v147
  %v149 = load double, double* %slot16
  %cmp150 = fcmp oeq double %v149, 0x0000000000000000
  br i1 %cmp150, label %fail151, label %ok152, !prof !{!"branch_weights", i32 1, i32 2000}
fail151:
  %claim153 = cmpxchg i64* %err, i64 0, i64 4 seq_cst seq_cst
  %won154 = extractvalue { i64, i1 } %claim153, 1
  br i1 %won154, label %record155, label %exit156
record155:
  %field157 = getelementptr i64, i64* %err, i64 1
  store volatile i64 1, i64* %field157
  %field158 = getelementptr i64, i64* %err, i64 2
  store volatile i64 2147493285, i64* %field158
  br label %exit156
exit156:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok152:
  %v159 = load double, double* %slot10
  %v160 = load double, double* %slot15
  %mul161 = fmul double %v159, %v160
  %v162 = load double, double* %slot9
  %sub163 = fsub double %mul161, %v162
  %v164 = load double, double* %slot16
  %div165 = fdiv double %sub163, %v164
  %ret166 = insertvalue { double, double } undef, double %div148, 0
  %ret167 = insertvalue { double, double } %ret166, double %div165, 1
  ret { double, double } %ret167
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.membar.gl()
declare double @llvm.fabs.f64(double)

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i64*)* @rotate_0, !"kernel", i32 1}

